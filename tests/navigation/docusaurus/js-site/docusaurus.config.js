module.exports = {
  url: 'https://example.com',
  baseUrl: '/',
  presets: [['@docusaurus/preset-classic', {docs: {sidebarPath: './sidebars.js'}, blog: false}]],
};
