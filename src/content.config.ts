import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import registry from '../content/sources.json' with { type: 'json' };
import { registryIds, SOURCE_REGISTRY } from '#src/features/content/registry.ts';
import { sourceSchema } from '#src/features/content/schemas/sources.ts';
import { articleSchema } from '#src/features/content/schemas/articles.ts';
import { substanceSchema } from '#src/features/content/schemas/substances.ts';
import { guideSchema } from '#src/features/content/schemas/guides.ts';
import { campaignSchema } from '#src/features/content/schemas/campaigns.ts';
import { statisticsSchema } from '#src/features/content/schemas/statistics.ts';
import { noteSchema } from '#src/features/content/schemas/notes.ts';
import { mixSchema } from '#src/features/content/schemas/mixes.ts';

// Entry schemas check source ids against the registry themselves: Astro 7's reference() only logs an unknown id.
const context = { sourceIds: registryIds(registry) };

/** Markdown entries of one collection, one folder per language: `content/<name>/{vi,en}/*.md`. */
const entries = (name: string) => glob({ pattern: '{vi,en}/*.md', base: `./content/${name}` });

export const collections = {
  sources: defineCollection({ loader: file(SOURCE_REGISTRY), schema: sourceSchema }),
  articles: defineCollection({ loader: entries('articles'), schema: articleSchema(context) }),
  substances: defineCollection({ loader: entries('substances'), schema: substanceSchema(context) }),
  guides: defineCollection({ loader: entries('guides'), schema: guideSchema(context) }),
  campaigns: defineCollection({ loader: entries('campaigns'), schema: campaignSchema(context) }),
  statistics: defineCollection({ loader: entries('statistics'), schema: statisticsSchema(context) }),
  notes: defineCollection({ loader: entries('notes'), schema: noteSchema(context) }),
  /** The shared dangerous-mixes table drug pages show under “Pha trộn nguy hiểm”. */
  mixes: defineCollection({ loader: file('content/mixes.json'), schema: mixSchema(context) }),
};
