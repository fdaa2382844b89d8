// `npm run build`: TypeScript to dist/ (or `-- --outDir DIR`), then the GraphQL IDE bundle to <outDir>/graphiql.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { buildGraphiql } = require('./build-graphiql');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const at = args.indexOf('--outDir');
const outDir = at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : path.join(root, 'dist');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json'), ...args], { stdio: 'inherit', cwd: root });
buildGraphiql(path.join(outDir, 'graphiql')).catch((error) => {
  console.error(error);
  process.exit(1);
});
