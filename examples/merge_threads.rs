//! Splits a stream of NPS scores over threads, merges the partial states, and shows the result
//! equals one pass. With `--features serde`, the partial states also travel as JSON, as they
//! would from a remote worker to a reducer.
//!
//! Run with `cargo run --example merge_threads` (or add `--features serde`).

use std::thread;

use satisfaction::{Aggregator, Nps, merge_all};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A deterministic pseudo-random stream of a million scores.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let scores: Vec<u8> = (0..1_000_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Skew towards the top of the scale, as real NPS answers are.
            [0, 2, 5, 6, 7, 8, 8, 9, 9, 10, 10, 10][(seed % 12) as usize]
        })
        .collect();

    let partials: Vec<Nps> = thread::scope(|s| {
        let workers: Vec<_> = scores
            .chunks(scores.len() / 4 + 1)
            .map(|chunk| {
                s.spawn(move || {
                    let mut nps = Nps::default();
                    nps.try_extend_from_slice(chunk).map(|()| nps)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker panicked"))
            .collect::<Result<_, _>>()
    })?;
    for (i, part) in partials.iter().enumerate() {
        println!("worker {i}: {}", part.summary().ok_or("empty part")?);
    }

    let merged = merge_all(&partials)?.ok_or("no parts")?;
    let mut one_pass = Nps::default();
    one_pass.try_extend_from_slice(&scores)?;
    println!("merged:   {}", merged.summary().ok_or("empty")?);
    println!("one pass: {}", one_pass.summary().ok_or("empty")?);
    assert_eq!(
        merged, one_pass,
        "merging partial states must equal one pass"
    );

    #[cfg(feature = "serde")]
    {
        // What a remote worker sends: a small, versioned JSON record per partial state.
        let wire: Vec<String> = partials
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        println!("on the wire: {}", wire[0]);
        let mut reducer = Nps::default();
        for message in &wire {
            reducer.merge(&serde_json::from_str::<Nps>(message)?)?;
        }
        assert_eq!(
            reducer, one_pass,
            "merging shipped states must equal one pass"
        );
        println!("reduced from JSON: {}", reducer.summary().ok_or("empty")?);
    }
    #[cfg(not(feature = "serde"))]
    println!("(run with --features serde to ship the partial states as JSON)");
    Ok(())
}
