export default {
  title: 'Fixture',
  url: 'https://example.com',
  baseUrl: '/',
  onBrokenLinks: 'warn', // the fixture has no home page at /
  presets: [['classic', {docs: {routeBasePath: 'docs'}, blog: false}]],
};
