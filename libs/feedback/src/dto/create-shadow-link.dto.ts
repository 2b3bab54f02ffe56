import { NameField } from '@hotseat/config';

/** The support agent the candidate will sit with; their form greets them by this name. */
export class CreateShadowLinkDto {
  @NameField('hostName')
  hostName!: string;
}
