// graphql-ws publishes `graphql-ws/use/ws` through package.json "exports" only, which this project's
// moduleResolution (node10) does not read; Node itself resolves it at run time. This points the types at
// the same file.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
