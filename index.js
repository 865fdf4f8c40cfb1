// n8n reads the "n8n" field of package.json to find nodes and credentials; nothing to export here.
module.exports = {};
