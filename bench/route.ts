// bench/route: latency of classify + route for single prompts in one process, for the ONNX model and the keyword
// baseline, plus model load time and file size.
//   node -r tsx/cjs bench/route.ts [--iterations 5000] [--prompts data/intents/train.jsonl]
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtInAgents } from '../src/core/agents/descriptors';
import type { AsyncIntentClassifier, Classification, IntentClassifier } from '../src/core/classifier/intentClassifier';
import { KeywordClassifier } from '../src/core/classifier/keywordClassifier';
import { routeCandidates } from '../src/core/routing/candidates';
import { defaultRoutingPolicy } from '../src/core/routing/defaultPolicy';
import { estimateTokens } from '../src/core/routing/planner';
import { route, type RouteContext } from '../src/core/routing/router';
import type { QuotaOutlook } from '../src/core/routing/types';
import { OnnxIntentClassifier } from '../src/infra/onnx/onnxIntentClassifier';
import { percentile, printTable } from './benchSupport';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? fallback) : fallback);
const iterations = Number(option('iterations', '5000'));
const promptsFile = option('prompts', join(__dirname, '..', 'data', 'intents', 'train.jsonl'));
const modelDir = join(__dirname, '..', 'media', 'models');

const prompts = readFileSync(promptsFile, 'utf8')
	.split('\n')
	.filter(Boolean)
	.map((l) => (JSON.parse(l) as { text: string }).text);

const context: RouteContext = {
	agents: routeCandidates(builtInAgents, () => true),
	quota: { outlook: (): QuotaOutlook => ({ level: 'unknown', crossesWarnBeforeReset: false }) },
	policy: defaultRoutingPolicy,
	now: new Date(),
};

function routeOnce(text: string, classification: Classification): void {
	route({ text, estimatedTokens: estimateTokens(text), attachedFiles: [], imageCount: 0 }, classification, context);
}

async function measure(name: string, classify: (text: string) => Classification | Promise<Classification>): Promise<(string | number)[]> {
	for (let i = 0; i < 200; i++) {
		const text = prompts[i % prompts.length] as string;
		routeOnce(text, await classify(text));
	}
	const total: number[] = [];
	const routeOnly: number[] = [];
	for (let i = 0; i < iterations; i++) {
		const text = prompts[(i * 7919) % prompts.length] as string;
		const t0 = performance.now();
		const classification = await classify(text);
		const t1 = performance.now();
		routeOnce(text, classification);
		const t2 = performance.now();
		total.push(t2 - t0);
		routeOnly.push(t2 - t1);
	}
	return [name, iterations, percentile(total, 50), percentile(total, 99), Math.max(...total), percentile(routeOnly, 99)];
}

async function main(): Promise<void> {
	const modelFile = join(modelDir, 'intent.onnx');
	const t0 = performance.now();
	const onnx: AsyncIntentClassifier & { load(): Promise<unknown> } = OnnxIntentClassifier.create(modelFile, join(modelDir, 'labels.json'));
	await onnx.load();
	const loadMs = performance.now() - t0;
	const keyword: IntentClassifier = new KeywordClassifier();
	const rows = [await measure('ONNX model + route', (t) => onnx.classify(t)), await measure('keyword baseline + route', (t) => keyword.classify(t))];
	printTable(`classify + route, single prompts from ${promptsFile.split('/').slice(-2).join('/')} (ms; goal p99 ≤ 1 ms)`, ['classifier', 'calls', 'p50', 'p99', 'max', 'route-only p99'], rows);
	printTable('model', ['file', 'bytes', 'MB', 'load incl. onnxruntime (ms; goal ≤ 150)'], [['media/models/intent.onnx', statSync(modelFile).size, statSync(modelFile).size / 2 ** 20, loadMs]]);
}

void main();
