import { useResource } from '../../lib/use-resource';
import { listTopics } from './api';

/** Topics for pickers and filters; a failure only means choosing no topic for now. */
export function useTopics() {
  const topics = useResource(listTopics, 'topics');
  return { topics: topics.data, unavailable: topics.error !== null };
}
