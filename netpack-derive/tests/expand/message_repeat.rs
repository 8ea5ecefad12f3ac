// Repetition: `count`, `until`, `until_end`, each under a `max`.
#[derive(NetPack)]
struct Names {
    #[netpack(until = "Label::is_root", max = 128)]
    labels: Vec<Label>,
    ancount: u16,
    #[netpack(count = "ancount", max = 64)]
    answers: Vec<Answer>,
    #[netpack(until_end, max = 16)]
    extra: Vec<u32>,
}
