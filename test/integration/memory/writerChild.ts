// A separate process that writes to a memory database through MemoryStore, for the durability and two-process tests.
//   node writerChild.js <workerScript> <wasmDir> <file> <mode> <label> [count] [concurrency] [gated]
// Prints `ready <opened.kind>` once open, `ack <id>` after each acknowledged add (written synchronously, so a line
// on stdout means the write was acknowledged before it), and `closed` after a clean close. Modes:
//   burst — add entries forever (until killed), saving very often so kills land in saves too;
//   count — add `count` entries, print `done`, then close; with `gated`, wait for a line on stdin before writing and
//           for stdin to end before closing (so a test can line up two writers);
//   hold  — open, print ready, and wait for stdin to close, then close.
import { writeSync } from 'node:fs';
import { MemoryStore } from '../../../src/infra/memory/memoryStore';

const [workerScript = '', wasmDir = '', file = '', mode = 'burst', label = 'w', countText = '100', concurrencyText = '4', gated = ''] = process.argv.slice(2);
const stdinEnded = new Promise((resolve) => process.stdin.on('end', resolve));
const firstLine = new Promise((resolve) => process.stdin.once('data', resolve));

function print(line: string): void {
	writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
	const store = await MemoryStore.open({ file, wasmDir, workerScript, saveDelayMs: mode === 'burst' ? 2 : 50, maxSaveDelayMs: mode === 'burst' ? 10 : 500, openTimeoutMs: 20_000 });
	print(`ready ${store.opened.kind}`);
	process.stdin.resume();
	if (mode === 'hold') {
		await stdinEnded;
	} else {
		if (gated === 'gated') {
			await firstLine;
		}
		const total = mode === 'count' ? Number(countText) : Number.POSITIVE_INFINITY;
		let next = 0;
		const lane = async (): Promise<void> => {
			while (next < total) {
				const n = next++;
				const entry = await store.add({
					kind: 'note',
					title: `${label} write ${n}`,
					body: `payload ${n} from ${label} ${'x'.repeat(n % 200)}`,
					tags: [label],
					files: [`src/${label}/${n % 7}.ts`],
				});
				print(`ack ${entry.id}`);
			}
		};
		await Promise.all(Array.from({ length: Number(concurrencyText) }, lane));
		print('done');
		if (gated === 'gated') {
			await stdinEnded;
		}
	}
	await store.close();
	print('closed');
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`writerChild: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
