use netpack::NetPack;

// An alias hides the type from the derive; the layout check refuses it.
type Ratio = f64;

#[derive(NetPack)]
struct Sample {
    #[netpack(code = "q")]
    ratio: Ratio,
}

fn main() {
    let _ = Sample::FORMAT;
}
