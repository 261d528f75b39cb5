// Bundled by the Strapi admin build (Vite), which compiles the TypeScript sources directly.
export { default } from './admin/src/index';
