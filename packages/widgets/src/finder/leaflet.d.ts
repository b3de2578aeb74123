// Leaflet's ESM build has the same API as the UMD build that @types/leaflet describes.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}

declare module '*.css?inline' {
  const css: string;
  export default css;
}
