export * from './web-annotation.ts';
