// n8n-core reads N8N_USER_FOLDER when first imported: give every test file a private temp folder.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'throughline-n8n-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
