// @ts-check
'use strict';
/**
 * The one way to build and pack the package: `npm pack` of this clone, exactly what `npm publish`
 * uploads (its `files`: dist/ and the changelog), for `npm start` and the end-to-end suites.
 * (The benchmark packs a staged copy of its own, scripts/bench/setup.js, to leave dist/ alone.)
 */
const fs = require('node:fs');
const path = require('node:path');
const { run } = require('./proc');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Pack into `destDir`. With `build`, runs `npm run build` first; without, dist/ must be built.
 * @param {string} destDir
 * @param {{build?: boolean, log?: (line: string) => void}} [opts]
 * @returns {Promise<{tarball: string, filename: string, size: number, entryCount: number}>}
 */
async function packPackage(destDir, opts = {}) {
	const log = opts.log ?? (() => {});
	if (opts.build) {
		log('building the package (npm run build)');
		await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 5 * 60_000 });
	} else if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
	}
	const out = await run('npm', ['pack', '--json', '--pack-destination', destDir], { cwd: ROOT, timeoutMs: 2 * 60_000 });
	const [packed] = JSON.parse(out.stdout);
	log(`packed ${packed.filename} (${Math.round(packed.size / 1024)} kB, ${packed.entryCount} files)`);
	return { tarball: path.join(destDir, packed.filename), filename: packed.filename, size: packed.size, entryCount: packed.entryCount };
}

module.exports = { packPackage };
