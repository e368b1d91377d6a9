import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['jest.config.js', 'dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'teamsapp/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The SDK stays behind the gateway: nothing outside src/box may import it.
    files: ['src/**/*.ts'],
    ignores: ['src/box/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['box-node-sdk', 'box-node-sdk/*'], message: 'Only src/box/ may import box-node-sdk.' }],
        },
      ],
    },
  },
  {
    // The domain knows nothing of Teams or Box.
    files: ['src/footage/**/*.ts', 'src/audit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'box-node-sdk',
                'box-node-sdk/*',
                'botbuilder',
                'botbuilder*',
                '@microsoft/teams-ai',
                '**/teams/**',
                '**/box/**',
              ],
              message: 'The domain must not depend on Teams or Box adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // Cards are pure builders from plain view data: they know nothing of Teams turns or the bot's routes.
    files: ['src/cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder*', '@microsoft/teams-ai', '**/teams/**', '**/box/**', 'box-node-sdk'],
              message: 'Cards take plain view data; they must not depend on Teams or Box.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Teams layer talks to domain services: never to the store's adapters, and to the store port
    // only for its types (the domain's vocabulary), never its values.
    files: ['src/teams/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['box-node-sdk', 'box-node-sdk/*'], message: 'Only src/box/ may import box-node-sdk.' },
            {
              group: [
                '../store',
                '../store/**',
                '../../store',
                '../../store/**',
                '../../../store',
                '../../../store/**',
              ],
              message: 'The Teams layer reaches the store only through domain services (src/footage/access).',
            },
            {
              group: ['**/ports/store'],
              allowTypeImports: true,
              message:
                "The Teams layer reaches the store only through domain services; it may import the port's types.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
