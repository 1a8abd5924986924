import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new entry id: 10 characters of lower-case Crockford base32 (50 random bits), e.g. `k3f9x2qa7m` — short enough
 * for agents to cite, with a negligible collision chance at the 20,000-entry cap.
 */
export function newMemoryId(): string {
	const bytes = randomBytes(10);
	let id = '';
	for (const b of bytes) {
		id += alphabet[b & 31];
	}
	return id;
}
