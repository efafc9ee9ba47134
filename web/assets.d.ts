// esbuild bundles style sheets imported for their effect; they export nothing.
declare module '*.css';
