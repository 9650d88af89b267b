/** The use cases' views, by family (see common.ts). */
export * from './common';
export * from './home';
export * from './agreement';
export * from './session';
export * from './note';
export * from './concern';
export * from './settings';
