/**
 * `N8nInstance.start()` (scripts/n8n/instance.js) against a stand-in for n8n (fixtures/fakeN8n.js):
 * a port taken between picking it and n8n binding it makes n8n exit at once; the driver starts
 * again with a fresh broker port, at most three times, and any other failure fails at once.
 */
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance } = require('../../scripts/n8n/instance');

const FAKE = path.join(__dirname, 'fixtures', 'fakeN8n.js');

async function startWith(plan: string) {
	const n8n = new N8nInstance({
		runtime: { nodeBin: process.execPath, n8nBin: FAKE, version: '2.41.1', dir: path.dirname(FAKE) },
		env: { FAKE_N8N: plan },
	});
	const starts = () => fs.readFileSync(path.join(n8n.userFolder, 'starts.txt'), 'utf8').split('\n').filter(Boolean);
	try {
		await n8n.start({ timeoutMs: 20_000 });
		return { started: true, starts: starts() };
	} catch (error) {
		return { started: false, error: (error as Error).message, starts: starts() };
	} finally {
		await n8n.stop();
		fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	}
}

test('a port clash at start: started again with a fresh broker port', async () => {
	const { started, starts } = await startWith('cs');
	expect(started).toBe(true);
	expect(starts).toHaveLength(2);
	expect(new Set(starts).size).toBe(2);
});

test('a port clash three times: the third failure is the answer', async () => {
	const { started, error, starts } = await startWith('c');
	expect(started).toBe(false);
	expect(error).toMatch(/already in use/);
	expect(starts).toHaveLength(3);
});

test('any other failure at start fails at once', async () => {
	const { started, error, starts } = await startWith('xs');
	expect(started).toBe(false);
	expect(error).toMatch(/error initializing DB/);
	expect(starts).toHaveLength(1);
});
