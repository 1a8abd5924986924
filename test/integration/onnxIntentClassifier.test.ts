import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureIds } from '../../src/core/classifier/features';
import { INTENT_LABELS, type IntentLabel } from '../../src/core/classifier/labels';
import { forward } from '../../src/core/classifier/linearModel';
import { parseIntentModelMetadata } from '../../src/core/classifier/modelMetadata';
import { OnnxIntentClassifier } from '../../src/infra/onnx/onnxIntentClassifier';
import { readIntentOnnx } from '../../scripts/train/onnxExport';

const root = join(__dirname, '..', '..');
const modelPath = join(root, 'media', 'models', 'intent.onnx');
const labelsPath = join(root, 'media', 'models', 'labels.json');

/** Fifty prompts of every label and length, including empty, non-ASCII and over-long text. */
const texts: string[] = [
	'',
	'?',
	'Fix the crash in auth.ts',
	'Research the latest XSS attack vectors and then fix our auth.ts',
	'Explain how the retry queue works',
	'where is the retry logic for failed webhooks?',
	'Add a --json flag to the status command',
	'Implement CSV export for invoices with a preview step',
	'TypeError: Cannot read properties of undefined (reading \'map\')\n    at ProjectList (ProjectList.tsx:42:13)',
	'the app crashes on startup with EADDRINUSE',
	'Refactor the OrderService into smaller services',
	'Optimize the report query, it takes 8 seconds',
	'Review my changes before I open the PR',
	'can you do a security audit of the login flow',
	'Write unit tests for the date parser',
	'the snapshot tests are outdated, update them',
	'Update the README with installation steps',
	'Add docstrings to the analytics package',
	'Center the login card vertically and horizontally',
	'the navbar overlaps the hero image on mobile',
	'Set up GitHub Actions to run lint and tests on every PR',
	'Write a multi-stage Dockerfile and deploy it to Kubernetes',
	'Compare Prisma, Drizzle and Kysely for a Postgres service',
	'is lodash still maintained or should we move to es-toolkit',
	'Héllo wörld — naïve café, 日本語のテキスト, 𝄞 emoji 🎉',
	'x'.repeat(5000),
	'# Code Review\n\nReview the changes in the current branch.\n\n## Focus\n1. **Correctness**\n2. **Security**',
	'You are a DevOps engineer. Set up build pipelines and deployments for the project.',
	'ok next, add a --verbose flag to the cli that prints every file it processes',
	'that didn\'t work, now I get "TypeError: fetchUser is not a function"',
	'make the background dark grey and the text white',
	'add a .gitignore for a python project',
	'what does the `--frozen-lockfile` flag do?',
	'Document the environment variables in docs/configuration.md',
	'Speed up the cold start of the Lambda function',
	'please review the proration math in src/billing',
	'write a pytest test for add_item in cart.py',
	'bump node to 20 in ci and the docker image',
	'look up whether Tailwind v4 dropped the JS config file',
	'Walk me through what happens when a user clicks Checkout',
	'Users report the password reset link says token expired right away',
	'Split this 800 line component into smaller ones',
	'Is this approach to caching user permissions sound?',
	'Add regression tests for the double charge on retry',
	'Write a migration guide from v2 to v3 of the SDK',
	'Restyle the pricing cards to match the Figma',
	'Configure nginx as a reverse proxy with TLS',
	'Explain the difference between services/ and domain/',
	'1234 5678 !!! ...',
	'Implement the feature. Also document it. Then write tests. After that, deploy it.',
];

describe('OnnxIntentClassifier (shipped model, real onnxruntime-node)', function () {
	this.timeout(60_000);
	const classifier = OnnxIntentClassifier.create(modelPath, labelsPath);

	after(() => classifier.dispose());

	it('loads the shipped model and its labels.json', async () => {
		const meta = await classifier.load();
		assert.deepEqual([...meta.labels], [...INTENT_LABELS]);
		assert.equal(meta.input, 'ids');
		assert.equal(meta.output, 'probs');
		assert.ok(readFileSync(modelPath).length <= 10 * 1024 * 1024, 'model file must stay under 10 MB');
	});

	it('matches the TypeScript forward pass within 1e-5 on 50 texts', async () => {
		const weights = readIntentOnnx(readFileSync(modelPath));
		const meta = parseIntentModelMetadata(JSON.parse(readFileSync(labelsPath, 'utf8')) as unknown);
		assert.equal(texts.length, 50);
		let worst = 0;
		for (const text of texts) {
			const onnx = await classifier.probabilities(text);
			const ts = forward(weights, featureIds(text, meta.features));
			assert.equal(onnx.length, ts.length);
			for (let i = 0; i < ts.length; i++) {
				worst = Math.max(worst, Math.abs((onnx[i] as number) - (ts[i] as number)));
			}
		}
		assert.ok(worst < 1e-5, `max |onnx − ts| = ${worst}`);
	});

	it('returns a full score vector that sums to 1 with the label as arg-max', async () => {
		const c = await classifier.classify('Fix the crash in auth.ts');
		const scores = Object.values(c.scores);
		assert.equal(scores.length, INTENT_LABELS.length);
		assert.ok(Math.abs(scores.reduce((a, b) => a + b, 0) - 1) < 1e-6);
		assert.equal(c.confidence, Math.max(...scores));
	});

	it('can reach every label', async () => {
		const lines = readFileSync(join(root, 'data', 'intents', 'train.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
		const reached = new Set<IntentLabel>();
		for (const line of lines) {
			const { text, label } = JSON.parse(line) as { text: string; label: IntentLabel };
			if (!reached.has(label) && (await classifier.classify(text)).label === label) {
				reached.add(label);
				if (reached.size === INTENT_LABELS.length) {
					break;
				}
			}
		}
		assert.deepEqual([...reached].sort(), [...INTENT_LABELS].sort());
	});

	it('segments a compound prompt with the model', async () => {
		const parts = await classifier.segment('Research the latest XSS attack vectors and then fix our auth.ts');
		assert.deepEqual(
			parts.map((p) => p.label),
			['research', 'debug'],
		);
	});

	it('rejects a corrupt model file with a clear error, and a bad labels.json too', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'baton-intent-'));
		const corrupt = join(dir, 'corrupt.onnx');
		writeFileSync(corrupt, Uint8Array.from([8, 1, 18, 4, 116, 114, 97, 115, 104, 255, 255]));
		await assert.rejects(OnnxIntentClassifier.create(corrupt, labelsPath).classify('hi'), /intent model .*corrupt\.onnx could not be loaded by onnxruntime/);
		await assert.rejects(OnnxIntentClassifier.create(join(dir, 'missing.onnx'), labelsPath).load(), /could not be loaded/);
		const badLabels = join(dir, 'labels.json');
		writeFileSync(badLabels, JSON.stringify({ labels: ['debug'], features: {} }));
		await assert.rejects(OnnxIntentClassifier.create(modelPath, badLabels).load(), /labels\.json.*could not be read: labels\.json: "labels"/);
	});
});
