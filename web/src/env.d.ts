/** Stylesheets are bundled by esbuild into the app's CSS file; importing one yields nothing at run time. */
declare module '*.css';
