// A small Docusaurus site for holding linkpolicy's model to what Docusaurus builds.
module.exports = {
  title: 'Fixture',
  url: 'https://example.org',
  baseUrl: '/',
  onBrokenLinks: 'warn',
  onBrokenMarkdownLinks: 'warn',
  onBrokenAnchors: 'warn',
  presets: [['classic', {docs: {sidebarPath: false}, blog: {routeBasePath: 'news'}, theme: {}}]],
  plugins: [
    ['content-docs', {id: 'architecture', path: 'architecture', routeBasePath: 'architecture', sidebarPath: false}],
  ],
};
