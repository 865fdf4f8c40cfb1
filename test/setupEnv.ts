// n8n-core reads N8N_USER_FOLDER when first imported: give every test file a private temp folder,
// removed after the file's tests, passed or failed. (A process 'exit' hook never ran here: jest's
// sandboxed `process` does not get the worker's exit, and every run left these folders behind.)
// Runs as setupFilesAfterEnv, before the test file's own imports, so afterAll is there.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

if (!process.env.N8N_USER_FOLDER) {
	const folder = mkdtempSync(join(tmpdir(), 'throughline-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	afterAll(() => rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_LOG_LEVEL ??= 'silent';
