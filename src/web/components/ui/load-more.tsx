import { Button } from './button';

export interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

export function LoadMore({ hasMore, loading, onLoadMore }: LoadMoreProps) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <Button busy={loading} onClick={onLoadMore}>
        Load more
      </Button>
    </div>
  );
}
