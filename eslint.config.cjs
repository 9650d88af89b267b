/**
 * Source rules that are not about imports (those are in .dependency-cruiser.cjs). ESLint runs only
 * these rules, no style: `test/architecture.test.ts` runs it over src/ in the test suite.
 */
const parser = require('@typescript-eslint/parser');

const TIME_AND_CHANCE = [
  { object: 'Date', property: 'now', message: 'Time is an argument: take `now` from the caller (a Clock port in app, a parameter in domain).' },
  { object: 'Math', property: 'random', message: 'Ids and chance come from a port (IdGenerator), so tests can fix them.' },
];

module.exports = [
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser, ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment; take what you need from Config.' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment; take what you need from Config.' },
        ...TIME_AND_CHANCE,
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an argument: `new Date()` reads the clock.' },
      ],
    },
  },
  {
    files: ['src/config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
];
