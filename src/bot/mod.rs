//! The Discord front-end (being written on the `bot` branch).

use crate::Newsdesk;
use crate::config::Secret;

/// Run the bot until it is stopped.
pub async fn run(_desk: Newsdesk, _token: Secret) -> anyhow::Result<()> {
    anyhow::bail!("the Discord bot is not built into this version yet")
}
