export * from './budget';
export * from './laplace';
export * from './noisy-counts';
export * from './report-names';
export * from './retention';
