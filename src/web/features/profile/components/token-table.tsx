import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import type { ApiToken } from '../api';

export interface TokenTableProps {
  tokens: readonly ApiToken[];
  onRevoke: (token: ApiToken) => void;
}

export function TokenTable({ tokens, onRevoke }: TokenTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td data-label="Created">
                <DateTime iso={token.createdAt} />
              </td>
              <td data-label="Last used">{token.lastUsedAt ? <DateTime iso={token.lastUsedAt} /> : 'Never'}</td>
              <td className="cell-actions">
                <Button variant="danger" onClick={() => onRevoke(token)}>
                  Revoke<VisuallyHidden> {token.name}</VisuallyHidden>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
