// Mirrors buildScanConfig() of n8n's verification scanner (@n8n/scan-community-package 0.32):
// the same rule sets, the same "off" overrides, no-console, and (in package.json's lint script)
// --no-inline-config, because the scanner ignores eslint-disable comments. Those blocks apply
// to the package (package.json, nodes/, credentials/) only; the last blocks are the tooling's.
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import globals from 'globals';

const PACKAGE = ['package.json', 'nodes/**', 'credentials/**'];
const TOOLING = ['scripts/**', 'sandbox/**', 'test/**'];
const scanner = [
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
].map((block) => ({ ...block, files: block.files ?? PACKAGE, ignores: TOOLING }));

// The tooling (scripts/, sandbox/, test/): ESLint's recommended rules, and no focused test left
// in (`test.only` would silently skip the rest of a file in CI). TypeScript's own checks (tsc with
// noUnusedLocals, see tsconfig.json) replace the rules it makes redundant or wrong for types.
const onlyTests = ['test', 'it', 'describe'].map((object) => ({ object, property: 'only', message: 'a focused test skips the others' }));
const tooling = [
	{
		files: ['scripts/**/*.js', 'sandbox/**/*.js', 'test/**/*.js'],
		languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: globals.node },
		rules: { ...js.configs.recommended.rules, 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
	},
	{
		files: ['scripts/**/*.mjs'],
		languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
		rules: js.configs.recommended.rules,
	},
	{
		files: ['test/**/*.ts', 'sandbox/**/*.d.ts'],
		languageOptions: { parser: tsParser, globals: { ...globals.node, ...globals.jest } },
		rules: {
			...js.configs.recommended.rules,
			'no-undef': 'off', // tsc knows the types and globals; ESLint does not
			'no-unused-vars': 'off', // tsc: noUnusedLocals, noUnusedParameters
			'no-redeclare': 'off', // overloads, and a type beside a value of the same name
			'no-dupe-class-members': 'off',
			'no-restricted-properties': ['error', ...onlyTests],
		},
	},
	{ files: ['scripts/**/*.{js,mjs}', 'sandbox/**/*.js', 'test/**/*.js'], rules: { 'no-restricted-properties': ['error', ...onlyTests] } },
];

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'examples/**', '.cache/**', 'test-artifacts/**', 'bench-results/**', 'docs/**'] },
	...scanner,
	...tooling,
];
