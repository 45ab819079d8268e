/**
 * How the images view arranges images: by repository, a row per tag, untagged
 * (dangling) images apart.
 */
import { familiarRepository, parseImageReference } from './imageRef';
import type { ImageSummary } from './model';

export interface ImageTag {
  /** `repo:tag` as the engine lists it */
  reference: string;
  repository: string;
  tag: string;
  image: ImageSummary;
}

export interface Repository {
  name: string;
  tags: ImageTag[];
}

export interface ImageLayout {
  repositories: Repository[];
  /** images without any tag */
  dangling: ImageSummary[];
}

const NONE = '<none>:<none>';

export function tagsOf(image: ImageSummary): string[] {
  return (image.RepoTags ?? []).filter((t) => t !== NONE);
}

export function isDangling(image: ImageSummary): boolean {
  return tagsOf(image).length === 0;
}

/** Splits `repo:tag` into the repository as `docker images` shows it and the tag. */
export function splitTag(reference: string): { repository: string; tag: string } {
  const parsed = parseImageReference(reference);
  if (parsed.ok) return { repository: familiarRepository(parsed.value), tag: parsed.value.tag ?? 'latest' };
  const i = reference.lastIndexOf(':');
  return i > reference.lastIndexOf('/') ? { repository: reference.slice(0, i), tag: reference.slice(i + 1) } : { repository: reference, tag: '' };
}

export function layoutImages(images: Iterable<ImageSummary>): ImageLayout {
  const repos = new Map<string, Repository>();
  const dangling: ImageSummary[] = [];
  for (const image of images) {
    const tags = tagsOf(image);
    if (!tags.length) {
      dangling.push(image);
      continue;
    }
    for (const reference of tags) {
      const { repository, tag } = splitTag(reference);
      let repo = repos.get(repository);
      if (!repo) repos.set(repository, (repo = { name: repository, tags: [] }));
      repo.tags.push({ reference, repository, tag, image });
    }
  }
  const repositories = [...repos.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const r of repositories) r.tags.sort((a, b) => b.image.Created - a.image.Created || a.tag.localeCompare(b.tag));
  dangling.sort((a, b) => b.Created - a.Created);
  return { repositories, dangling };
}
