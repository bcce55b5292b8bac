// Storybook's MDX loader ships no types: a webpack-style loader, as mdxPages.test.ts calls it.
declare module '@storybook/addon-docs/mdx-loader' {
  interface MdxLoaderContext {
    resourcePath: string;
    getOptions(): unknown;
    async(): (error: unknown, code?: string) => void;
  }
  const mdxLoader: (this: MdxLoaderContext, content: string) => void;
  export default mdxLoader;
}
