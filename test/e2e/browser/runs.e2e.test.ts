/**
 * Browser journey: workflows run from the editor. A small lookup and the package's crisis-line
 * lookup example show the local server's helplines, in ThroughLine's order, in the output panel.
 * Set-up in session.ts; screenshots in test-artifacts/browser/runs/.
 */
import * as demo from '../../../scripts/demo/examples';
import { expectedCrisisLines } from '../expected';
import { WAIT, eventually } from './editor';
import { LOOKUP, crisisLookupExample, serverSearch } from './fixtures';
import { useEditorSession } from './session';

const s = useEditorSession('runs');

test(
	'a lookup workflow run from the editor shows the helplines in the output panel',
	s.step('lookup', async () => {
		const { editor, page, server } = s;
		const expected = (await serverSearch(server, { country_code: LOOKUP.country, topic: LOOKUP.topic, limit: String(LOOKUP.limit) })).map(
			(h) => h.name,
		);
		expect(expected.length).toBeGreaterThan(1);

		await editor.openWorkflow(LOOKUP.id);
		await page.getByTestId('execute-workflow-button').click();
		await editor.canvasNode(LOOKUP.node).getByTestId('canvas-node-status-success').waitFor({ timeout: WAIT.long });
		await editor.shot('lookup-canvas-after-run');

		await editor.canvasNode(LOOKUP.node).dblclick();
		await editor.ndv.waitFor();
		const output = await eventually(
			() => editor.outputPanel.innerText(),
			(text) => expected.every((name) => text.includes(name)),
			WAIT.long,
		);
		expect(output).toMatch(new RegExp(`\\b${expected.length} items\\b`));
		// In ThroughLine's order.
		const positions = expected.map((name) => output.indexOf(name));
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		const file = await editor.shot('lookup-result');
		s.toDocs(file, 'result.png');
		await editor.closeNdv();
	}),
);

test(
	'the crisis-line lookup example, run from the editor, shows each country’s priority helplines first',
	s.step('example', async () => {
		const { editor, page, server } = s;
		const example = demo.EXAMPLES.crisisLineLookup;
		// The example's own Countries list (US and NZ): the priority pairs whole, then the others.
		const expected = expectedCrisisLines(server, ['US', 'NZ']);
		expect(expected.filter((h) => h.priority).length).toBeGreaterThanOrEqual(4);

		// It has two triggers (manual, and a webhook once published): run it from the manual one, with
		// the button n8n shows beside that trigger on the canvas.
		const workflow = crisisLookupExample() as { nodes: Array<{ name: string; type: string }> };
		const manual = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name as string;
		await editor.openWorkflow(example.id);
		await editor.canvasNode(manual).hover();
		await page.getByTestId(`execute-workflow-button-${manual}`).click();
		await editor.canvasNode(example.outputNode).getByTestId('canvas-node-status-success').waitFor({ timeout: WAIT.long });
		await editor.canvasNode(example.outputNode).dblclick();
		await editor.ndv.waitFor();
		// The table shows the first page; the count covers them all.
		const firstPage = expected.slice(0, 10).map((h) => h.name as string);
		const output = await eventually(
			() => editor.outputPanel.innerText(),
			(text) => firstPage.every((name) => text.includes(name)),
			WAIT.long,
		);
		expect(output).toMatch(new RegExp(`\\b${expected.length} items\\b`));
		const positions = firstPage.map((name) => output.indexOf(name));
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		await editor.shot('example-crisis-lookup');
		await editor.closeNdv();
	}),
);
