/**
 * The ten intent labels Baton routes on, in the fixed order used by the model's output vector.
 * Definitions and tie-breaks live in `data/intents/SOURCES.md`: a visual defect is `ui`, a crash is `debug`,
 * "fix the failing test" is `debug` unless the test itself is wrong, "optimize" is `refactor`, "set up CI/lint" is `ops`.
 */
export const INTENT_LABELS = ['research', 'explain', 'implement', 'debug', 'refactor', 'review', 'test', 'docs', 'ui', 'ops'] as const;

/** One of the ten intent labels. */
export type IntentLabel = (typeof INTENT_LABELS)[number];

/** Number of labels (the length of every score vector). */
export const INTENT_LABEL_COUNT = INTENT_LABELS.length;

/** True when `value` is one of the ten labels (for validating JSONL and model metadata). */
export function isIntentLabel(value: unknown): value is IntentLabel {
	return typeof value === 'string' && (INTENT_LABELS as readonly string[]).includes(value);
}

/** Index of `label` in {@link INTENT_LABELS} (0–9). */
export function labelIndex(label: IntentLabel): number {
	return INTENT_LABELS.indexOf(label);
}

/** The label at `index` in {@link INTENT_LABELS}; throws a RangeError outside 0–9. */
export function labelAt(index: number): IntentLabel {
	const label = INTENT_LABELS[index];
	if (label === undefined) {
		throw new RangeError(`no intent label at index ${index}`);
	}
	return label;
}
