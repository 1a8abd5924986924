import type { AgentDescriptor } from '../agents/descriptors';
import type { AgentCandidate } from './types';

/** The router's candidates for `descriptors`, each available when `isAvailable(id)` says so. */
export function routeCandidates(descriptors: readonly AgentDescriptor[], isAvailable: (id: string) => boolean): AgentCandidate[] {
	return descriptors.map((d) => ({ id: d.id, displayName: d.displayName, available: isAvailable(d.id), contextWindowTokens: d.contextWindowTokens, acceptsImages: d.acceptsImages }));
}
