export type StreamTargetType = 'task' | 'note' | 'activity' | 'document' | 'folder';

export interface StreamItem {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  target: { type: StreamTargetType; id: string; title: string; via?: 'comment' } | null;
}
