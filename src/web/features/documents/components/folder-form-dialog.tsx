import { type FormEvent, useState } from 'react';
import { checkItemName, FOLDER_VISIBILITIES, GUEST_ACCESS_LEVELS } from '../../../../shared/documents';
import { Alert, FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { isApiError, type WithEtag } from '../../../lib/api-client';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { createFolder, type FolderChange, type NewFolder, updateFolder } from '../api';
import { guestAccessHints, guestAccessLabels, visibilityHints, visibilityLabels } from '../labels';
import type { Folder, FolderVisibility, GuestAccess } from '../types';

const fields = ['name', 'visibility', 'guestAccess'] as const;
const INHERIT = 'inherit';

export type FolderFormMode =
  /** A new folder at the top of the workspace (parent null) or inside `parent`. */
  | { kind: 'create'; parent: Folder | null }
  /** Name and settings of an existing folder, saved only if it did not change meanwhile. */
  | { kind: 'edit'; folder: Folder; etag: string | null };

export interface FolderFormDialogProps {
  workspaceId: string;
  mode: FolderFormMode | null;
  /** From the workspace's guest settings: without it, drop boxes and "Guests edit" let guests only read. */
  guestUploadAllowed: boolean | null;
  onClose: () => void;
  onSaved: (folder: WithEtag<Folder>) => void;
  /** The folder changed since it was read: fetch it again. */
  onReload: () => void;
}

export function FolderFormDialog({ mode, ...rest }: FolderFormDialogProps) {
  const title = mode?.kind === 'edit' ? 'Folder settings' : mode?.parent ? 'New subfolder' : 'New folder';
  return (
    <Dialog open={mode !== null} title={title} onClose={rest.onClose}>
      {mode && <FolderForm mode={mode} {...rest} />}
    </Dialog>
  );
}

function FolderForm({
  workspaceId,
  mode,
  guestUploadAllowed,
  onClose,
  onSaved,
  onReload,
}: FolderFormDialogProps & { mode: FolderFormMode }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  const folder = mode.kind === 'edit' ? mode.folder : null;
  const isTop = mode.kind === 'create' ? mode.parent === null : mode.folder.parentId === null;
  // What an unset value would give: the parent's effective value when we know it.
  const parentVisibility: FolderVisibility | null =
    mode.kind === 'create' ? (mode.parent?.visibility ?? null) : folder?.ownVisibility === null ? folder.visibility : null;
  const parentAccess: GuestAccess | null =
    mode.kind === 'create' ? (mode.parent?.guestAccess ?? null) : folder?.ownGuestAccess === null ? folder.guestAccess : null;

  const [visibility, setVisibility] = useState<string>(folder ? (folder.ownVisibility ?? INHERIT) : isTop ? 'internal' : INHERIT);
  const [access, setAccess] = useState<string>(folder ? (folder.ownGuestAccess ?? INHERIT) : INHERIT);
  const [stale, setStale] = useState(false);

  const underInternal =
    !isTop && (parentVisibility === 'internal' || (folder?.ownVisibility === 'shared' && folder.visibility === 'internal'));
  const effectiveVisibility = visibility === INHERIT ? parentVisibility : (visibility as FolderVisibility);
  const showAccess = effectiveVisibility !== 'internal' && !underInternal;
  const effectiveAccess = access === INHERIT ? (isTop ? 'view' : parentAccess) : (access as GuestAccess);

  const visibilityOptions = [
    ...(isTop
      ? []
      : [
          {
            value: INHERIT,
            label: parentVisibility ? `Same as parent (${visibilityLabels[parentVisibility]})` : 'Same as parent',
          },
        ]),
    ...FOLDER_VISIBILITIES.map((value) => ({ value, label: visibilityLabels[value] })),
  ];
  const accessOptions = [
    {
      value: INHERIT,
      label: isTop
        ? `Default (${guestAccessLabels.view})`
        : parentAccess
          ? `Same as parent (${guestAccessLabels[parentAccess]})`
          : 'Same as parent',
    },
    ...GUEST_ACCESS_LEVELS.map((value) => ({ value, label: guestAccessLabels[value] })),
  ];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkItemName(readText(event.currentTarget, 'name'));
    const problems: Record<string, string> = {};
    if ('problem' in checked) problems.name = `The name ${checked.problem}.`;
    const ownVisibility = visibility === INHERIT ? null : (visibility as FolderVisibility);
    // Guest access means nothing in an internal folder; leave it as it is.
    const ownAccess = access === INHERIT ? null : (access as GuestAccess);

    void run(async () => {
      if (!('name' in checked)) return;
      try {
        if (mode.kind === 'create') {
          const input: NewFolder = { name: checked.name };
          if (mode.parent) input.parentId = mode.parent.id;
          if (ownVisibility) input.visibility = ownVisibility;
          if (showAccess && ownAccess) input.guestAccess = ownAccess;
          onSaved({ data: await createFolder(workspaceId, input), etag: null });
          return;
        }
        const change: FolderChange = {};
        if (checked.name !== mode.folder.name) change.name = checked.name;
        if (ownVisibility !== mode.folder.ownVisibility) change.visibility = ownVisibility;
        if (showAccess && ownAccess !== mode.folder.ownGuestAccess) change.guestAccess = ownAccess;
        if (Object.keys(change).length === 0) return onClose();
        onSaved(await updateFolder(mode.folder.id, change, mode.etag));
      } catch (error) {
        if (isApiError(error) && error.status === 412) {
          setStale(true);
          return;
        }
        throw error;
      }
    }, problems);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      {stale && (
        <Alert tone="error" title="Someone else changed this folder while you were editing.">
          <p>Reload to see their changes, then make yours again.</p>
          <Button
            onClick={() => {
              onClose();
              onReload();
            }}
          >
            Reload
          </Button>
        </Alert>
      )}
      <FormAlert messages={errors.form} />
      <TextField label="Name" name="name" required autoComplete="off" defaultValue={folder?.name ?? ''} error={errors.fields.name} />
      <SelectField
        label="Visibility"
        name="visibility"
        value={visibility}
        onChange={(event) => setVisibility(event.target.value)}
        options={visibilityOptions}
        hint={
          underInternal
            ? 'This folder is inside an internal folder, so it stays internal whatever is chosen here.'
            : effectiveVisibility
              ? visibilityHints[effectiveVisibility]
              : 'Visibility comes from the parent folder.'
        }
        error={errors.fields.visibility}
      />
      {showAccess ? (
        <SelectField
          label="Guest access"
          name="guestAccess"
          value={access}
          onChange={(event) => setAccess(event.target.value)}
          options={accessOptions}
          hint={
            <>
              {effectiveAccess ? guestAccessHints[effectiveAccess] : 'Guest access comes from the parent folder.'}
              {guestUploadAllowed === false && (effectiveAccess === 'upload' || effectiveAccess === 'edit') && (
                <> This workspace does not let guests upload, so for now they can only read here.</>
              )}
            </>
          }
          error={errors.fields.guestAccess}
        />
      ) : (
        <p className="field-hint">Guests never see internal folders, so guest access does not apply.</p>
      )}
      <div className="actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          {mode.kind === 'create' ? 'Create folder' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
