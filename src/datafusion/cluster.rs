//! An Apache Ballista cluster inside the process (feature `ballista`): one scheduler and
//! several executors on the loopback interface, each with the crate's functions registered.
//!
//! Ballista ships a query's physical plan to its executors as protobuf and looks functions,
//! aggregate and scalar, up **by name** in the executor's own function registry, so every
//! executor (and the scheduler, which plans the stages) must know `nps`, `csat`, ...,
//! `sentiment`, `theme` — that is what this module sets up. Partial states travel between executors as Arrow IPC in Ballista's shuffle
//! files; they are the same versioned, validated count columns as on one machine.

use std::time::Duration;

use ballista::prelude::SessionContextExt;
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use datafusion::error::{DataFusionError, Result};
use datafusion::prelude::SessionContext;

use super::session_state;

/// How long to wait for the in-process scheduler to accept connections.
const CONNECT_ATTEMPTS: u32 = 100;
const CONNECT_PAUSE: Duration = Duration::from_millis(50);

/// Starts a Ballista scheduler and `executors` executors (each with `slots` task slots) in this
/// process, on loopback ports the operating system picks, and returns a `SessionContext` whose
/// queries run on that cluster.
///
/// Every node gets a session state with the crate's functions registered (see
/// [`session_state`]), so `SELECT channel, nps(score) FROM responses GROUP BY channel` is
/// planned by the scheduler, split into stages, run as tasks on the executors, and the partial
/// states are shuffled between them before the final merge.
///
/// Tables must be files (Parquet, CSV, ...): Ballista ships a table to its executors by its
/// path, so in-memory tables (`MemTable`) cannot be queried on the cluster.
///
/// The nodes are Tokio tasks of the calling runtime (a multi-threaded runtime is needed) and
/// stop with it.
///
/// # Errors
///
/// `executors` or `slots` is 0, a listener cannot bind, or the scheduler does not answer.
///
/// # Example
///
/// ```no_run
/// # async fn demo() -> datafusion::error::Result<()> {
/// use datafusion::prelude::*;
///
/// let ctx = satisfaction::datafusion::local_cluster(2, 2).await?;
/// ctx.register_parquet("responses", "data/responses/", ParquetReadOptions::default())
///     .await?;
/// ctx.sql("SELECT channel, nps(score) FROM responses GROUP BY channel")
///     .await?
///     .show()
///     .await?;
/// # Ok(())
/// # }
/// ```
pub async fn local_cluster(executors: usize, slots: usize) -> Result<SessionContext> {
    if executors == 0 || slots == 0 {
        return Err(DataFusionError::Configuration(format!(
            "a cluster needs at least one executor with at least one task slot, \
             got {executors} executors with {slots} slots"
        )));
    }
    let state = session_state();
    let address = ballista_scheduler::standalone::new_standalone_scheduler_from_state(&state)
        .await
        .map_err(|e| DataFusionError::Configuration(format!("scheduler: {e}")))?;
    let url = format!("http://localhost:{}", address.port());
    for _ in 0..executors {
        // The scheduler's gRPC server starts on a background task: retry until it answers.
        let mut attempts = 0;
        let scheduler = loop {
            match SchedulerGrpcClient::connect(url.clone()).await {
                Ok(client) => break client,
                Err(e) if attempts >= CONNECT_ATTEMPTS => {
                    return Err(DataFusionError::Configuration(format!(
                        "scheduler at {url} did not answer: {e}"
                    )));
                }
                Err(_) => {
                    attempts += 1;
                    tokio::time::sleep(CONNECT_PAUSE).await;
                }
            }
        };
        ballista_executor::new_standalone_executor_from_state(scheduler, slots, &state)
            .await
            .map_err(|e| DataFusionError::Configuration(format!("executor: {e}")))?;
    }
    let ctx =
        SessionContext::remote_with_state(&format!("df://localhost:{}", address.port()), state)
            .await?;
    // Ballista's `upgrade_for_ballista` resets the client's function lists to its own
    // defaults, so the client that plans the SQL learns the functions after connecting.
    super::register(&ctx)?;
    Ok(ctx)
}
