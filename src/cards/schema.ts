/**
 * The subset of the Adaptive Card 1.5 element model the bot uses, typed so that the builders cannot
 * produce a card Teams would refuse. Property names and enum values follow the 1.5 JSON schema
 * (specs/adaptivecards/adaptive-card-1.5.0.json); only what the cards need is declared.
 */
import type { CardActionData, CardVerb } from './verbs';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams' highest Adaptive Card version for bot messages. */
export const ADAPTIVE_CARD_VERSION = '1.5';

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type FontSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type ActionStyle = 'default' | 'positive' | 'destructive';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: FontSize;
  weight?: 'lighter' | 'default' | 'bolder';
  color?: TextColor;
  isSubtle?: boolean;
  maxLines?: number;
  style?: 'default' | 'heading';
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Image extends ElementBase {
  type: 'Image';
  /** https URL or a data: URI (supported since 1.2). */
  url: string;
  altText: string;
  size?: 'auto' | 'stretch' | 'small' | 'medium' | 'large';
  width?: string;
}

export interface Column {
  type: 'Column';
  items: CardElement[];
  width?: 'auto' | 'stretch' | string;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  spacing?: Spacing;
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  /** Inputs are merged into the action's data under this id. */
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  placeholder?: string;
  value?: string;
  maxLength?: number;
  isMultiline?: boolean;
  regex?: string;
}

export interface Choice {
  title: string;
  /** Must not contain a comma: multi-select answers come back comma-joined. */
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded';
  value?: string;
  placeholder?: string;
  wrap?: boolean;
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  min?: number;
  max?: number;
  value?: number;
  placeholder?: string;
}

/** yyyy-mm-dd, as the client's date picker sends it. */
export interface DateInput extends InputBase {
  type: 'Input.Date';
  value?: string;
  min?: string;
  max?: string;
}

/** HH:mm (24-hour), as the client's time picker sends it. */
export interface TimeInput extends InputBase {
  type: 'Input.Time';
  value?: string;
}

export type CardInput = TextInput | ChoiceSetInput | NumberInput | DateInput | TimeInput;
export type CardElement = TextBlock | FactSet | Image | ColumnSet | Container | ActionSet | CardInput;

interface ActionBase {
  title: string;
  style?: ActionStyle;
  tooltip?: string;
}

/**
 * Universal Action: Teams sends an `adaptiveCard/action` invoke with `verb` and `data` merged with
 * the card's inputs. The data type is tied to the verb, so a builder cannot send the wrong payload.
 */
export type ExecuteAction<V extends CardVerb = CardVerb> = V extends CardVerb
  ? ActionBase & {
      type: 'Action.Execute';
      verb: V;
      data: CardActionData[V];
      /** 'None' stops the card's inputs from being sent (buttons that must not carry a selection). */
      associatedInputs?: 'Auto' | 'None';
    }
  : never;

export interface OpenUrlAction extends ActionBase {
  type: 'Action.OpenUrl';
  url: string;
}

export interface ShowCardAction extends ActionBase {
  type: 'Action.ShowCard';
  card: ShownCard;
}

export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction;

/** Teams' refresh model: the listed users' clients fetch their own view with the action. */
export interface Refresh {
  action: ExecuteAction<'request.refresh' | 'footageRequest.refresh'>;
  /** Teams user ids (MRIs); Teams refreshes automatically for at most 60 of them. */
  userIds: string[];
}

/** A card nested in Action.ShowCard: no version or schema of its own. */
export interface ShownCard {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: CardAction[];
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  refresh?: Refresh;
  /** Shown by clients that cannot render the card, and read in notifications by some. */
  fallbackText?: string;
}
