// @ts-check
// Runs n8n's scanner on a folder and prints its verdict as JSON (see index.js).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir, mode = 'package'] = process.argv.slice(2);
const scannerDir = process.env.THROUGHLINE_SCANNER_DIR;
if (!scannerDir) throw new Error('THROUGHLINE_SCANNER_DIR is not set: run the scanner through scripts/scanner/index.js');
const require = createRequire(join(scannerDir, 'package.json'));
const scanner = await import(pathToFileURL(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href);
const result =
	mode === 'source' ? await scanner.analyzePackage(packageDir, scanner.SOURCE_FILE_PATTERNS) : await scanner.analyzePackage(packageDir);
delete result.error;
process.stdout.write(JSON.stringify(result));
