// Bundles the GraphQL IDE (src/api/ide/graphiql-page.jsx: GraphiQL, React, graphql-ws) into
// dist/graphiql/graphiql.js and graphiql.css, served by QCharge at GET /graphql. Part of `npm run build`.
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

async function buildGraphiql(outdir = path.join(root, 'dist/graphiql')) {
  await esbuild.build({
    entryPoints: { graphiql: path.join(root, 'src/api/ide/graphiql-page.jsx') },
    outdir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

module.exports = { buildGraphiql };

if (require.main === module) {
  buildGraphiql().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
