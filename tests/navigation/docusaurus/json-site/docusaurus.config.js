// @ts-check
const path = require('path');

/** @type {import('@docusaurus/types').Config} */
module.exports = {
  title: 'Fixture',
  url: 'https://example.com',
  baseUrl: '/',
  onBrokenLinks: 'warn', // the fixture has no home page at /
  presets: [
    [
      'classic',
      ({
        docs: {sidebarPath: require.resolve('./sidebars.json')},
        blog: {postsPerPage: 2, blogSidebarCount: 1},
        theme: {customCss: require.resolve('./src/css/custom.css')},
      }),
    ],
  ],
  themeConfig: {
    navbar: {
      items: [
        {type: 'doc', docId: 'intro', label: 'Docs'},
        {type: 'docSidebar', sidebarId: 'api', label: 'API'},
        {to: '/blog', label: 'Blog'},
        {type: 'docsVersionDropdown'},
        {href: 'https://github.com/example/fixture', label: 'GitHub'},
      ],
    },
    footer: {
      links: [
        {title: 'More', items: [{label: 'Tags', to: '/docs/next/tags'}, {label: 'FAQ', href: 'https://example.com/docs/next/faq'}]},
      ],
    },
  },
};
