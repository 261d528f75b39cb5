export * from './types';
export * from './model';
export * from './rank';
export * from './mmr';
export * from './exploration';
export * from './metrics';
export * from './feedback-audit';
export * from './evaluate';
export { hashSeed } from './hash-seed';
