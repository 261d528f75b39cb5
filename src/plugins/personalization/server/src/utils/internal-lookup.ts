import { AsyncLocalStorage } from 'node:async_hooks';

const internal = new AsyncLocalStorage<boolean>();

/**
 * Runs document-service calls the plugin makes for itself (variant lookups, previews) so that the
 * delivery middleware lets them through untouched instead of personalizing them again.
 */
export const runInternal = <T>(work: () => Promise<T>): Promise<T> => internal.run(true, work);

export const isInternal = (): boolean => internal.getStore() === true;
