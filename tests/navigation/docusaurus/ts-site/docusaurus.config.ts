import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';

const config: Config = {
  url: 'https://example.com',
  baseUrl: '/',
  presets: [
    ['classic', {docs: {sidebarPath: './sidebars.ts'}, blog: false} satisfies Preset.Options],
  ],
  themeConfig: {
    navbar: {items: [{type: 'docSidebar', sidebarId: 'second', label: 'Second'}]},
  } satisfies Preset.ThemeConfig,
};

export default config;
