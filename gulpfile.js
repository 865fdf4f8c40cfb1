// Copies icons and codex files (*.node.json) next to the compiled JavaScript, where n8n looks for them.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', function copyIcons() {
	// encoding: false keeps binary icons intact under gulp 5 (SVG is text, but PNGs would break).
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { encoding: false, base: '.' }).pipe(dest(path.resolve('dist')));
});
