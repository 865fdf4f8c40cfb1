/** The one apt helper (scripts/tools/apt.js): what it asks a person to run when it cannot install. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { aptInstall } = require('../../scripts/tools/apt');

afterEach(() => jest.restoreAllMocks());

test('not root: nothing runs, and the error says what is missing and the exact command to run', async () => {
	jest.spyOn(process, 'getuid').mockReturnValue(1000);
	await expect(aptInstall(['redis-server'], { why: 'The queue-mode suite needs Redis' })).rejects.toThrow(
		'The queue-mode suite needs Redis, and installing it takes root, which this process is not: run `sudo apt-get update && sudo apt-get install -y --no-install-recommends redis-server` (Debian/Ubuntu), then run again.',
	);
});

test('with recommends (chromium wants its fonts), the command keeps them', async () => {
	jest.spyOn(process, 'getuid').mockReturnValue(1000);
	await expect(aptInstall(['chromium'], { why: 'x', recommends: true })).rejects.toThrow(
		'run `sudo apt-get update && sudo apt-get install -y chromium`',
	);
});
