export { readOrCreateSecretFile } from './secret-file.ts';
