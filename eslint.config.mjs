// ESLint 9 flat config: typescript-eslint's recommended rules (not type-aware, so it stays fast), over
// everything except build output and generated code.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'src/api/generated/**', 'src/ocpp/generated/**', 'bench/results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Tests and tools still hold `any`s: reported, not fatal there (src/ below has none).
      '@typescript-eslint/no-explicit-any': 'warn',
      // `const { dropped: _unused, ...kept } = row` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // JSON files (schemas, package.json) are read with require where an import would copy them into dist.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['\\.json$'] }],
    },
  },
  {
    // The application's types come from its schemas (OCPP, GraphQL): an `any` there is a hole in them.
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // The build scripts, jest config and reporter are plain CommonJS run by Node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
