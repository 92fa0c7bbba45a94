import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

const sidebars: SidebarsConfig = {
  first: [
    'intro',
    {
      type: 'category',
      label: 'Tutorial',
      link: {type: 'doc', id: 'tutorial'},
      items: ['step-one', 'step-two'],
    },
  ],
  second: [{type: 'doc', id: 'reference', label: 'Reference'}, 'missing-doc'],
};

export default sidebars;
