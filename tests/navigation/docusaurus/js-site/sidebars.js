/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const basics = ['intro', 'setup'];
const advanced = {type: 'category', label: 'Advanced', collapsible: false, items: ['advanced']};

module.exports = {
  main: [...basics, advanced, ...require('./generated.js')],
};
