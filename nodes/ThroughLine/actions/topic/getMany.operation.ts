import { fetchTopics } from '../../transport';
import { listRead } from '../listRead';

export const { description, cacheMinutes, execute } = listRead(fetchTopics);
