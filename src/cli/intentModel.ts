import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeywordClassifier } from '../core/classifier/keywordClassifier';
import { FallbackClassifier } from '../core/routing/planner';
import { OnnxIntentClassifier } from '../infra/onnx/onnxIntentClassifier';

/**
 * Folder of the shipped intent model: `BATON_INTENT_MODEL_DIR`, else `media/models` beside the bundle
 * (`dist/cli.js` → `../media/models`) or beside the sources when run from the repository.
 */
export function intentModelDir(env: Readonly<Record<string, string | undefined>>): string {
	const override = env['BATON_INTENT_MODEL_DIR'];
	if (override) {
		return override;
	}
	const candidates = [join(__dirname, '..', 'media', 'models'), join(__dirname, '..', '..', 'media', 'models')];
	return candidates.find((dir) => existsSync(join(dir, 'intent.onnx'))) ?? (candidates[0] as string);
}

/** The ONNX intent classifier with the keyword classifier as fallback; `warn` hears why the model could not be used. */
export function createCliClassifier(env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void): FallbackClassifier {
	const dir = intentModelDir(env);
	const onnx = OnnxIntentClassifier.create(join(dir, 'intent.onnx'), join(dir, 'labels.json'));
	return new FallbackClassifier(onnx, new KeywordClassifier(), (error) =>
		warn(`intent model unavailable (${error instanceof Error ? error.message : String(error)}); using the keyword classifier\n`),
	);
}
